def read_file(*a): pass
def read_text(*a): pass
class ReadResult: pass
