print("similarity-bench: not yet written")
