x = '\Né{foimport a.b if x:as co}'
