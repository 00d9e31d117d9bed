class Node:
    def __init__(self):
        self.child = None
n = Node()
value = n.child.name
