import TernCommands

TernNode.runAsTool()
