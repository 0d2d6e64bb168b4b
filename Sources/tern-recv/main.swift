import TernCommands

TernRecv.runAsTool()
