import TernCommandSupport
import TernCommands

TernXfer.runAsTool()
