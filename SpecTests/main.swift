import ReproWasm

print("spectest")
