import os
while True
    pass
