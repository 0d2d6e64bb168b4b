import TernCommandSupport
import TernNodeCommand

TernNode.runAsTool()
