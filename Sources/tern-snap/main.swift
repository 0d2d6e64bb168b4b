import TernCommandSupport
import TernCommands

TernSnap.runAsTool()
