import TernCommandSupport
import TernCommands

TernRecv.runAsTool()
