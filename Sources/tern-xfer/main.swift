import TernCommands

TernXfer.runAsTool()
