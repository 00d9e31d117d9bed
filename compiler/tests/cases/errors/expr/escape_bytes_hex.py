x = b'ab\x1'
