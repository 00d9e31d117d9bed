x = f'' b''
