match flag:
    case None:
        state = "unset"
    case True:
        state = "on"
    case False:
        state = "off"
