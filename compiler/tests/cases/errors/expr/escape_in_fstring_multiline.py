x = f'''
\N{abc}
'''
