match text:
    case "quit":
        done = True
    case "hello" " " "world":
        greeting = text
    case 'a\nb':
        escaped = True
