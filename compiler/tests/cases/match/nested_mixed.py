match event:
    case Click(position=(0 | 1) as x, buttons=[*pressed, "left"]):
        handled = (x, pressed)
    case KeyPress(key=str() as key, mods={"shift": True, **other}):
        handled = (key, other)
    case [Click() | KeyPress() as first, *_, -1.5 | 2j]:
        handled = first
