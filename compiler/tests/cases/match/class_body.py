class Config:
    match MODE:
        case "debug" | "dev" as mode:
            level = 10
        case {"level": level}:
            pass
