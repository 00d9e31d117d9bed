x = "blech\"
