/// Reading untrusted uploaded documents with well-kept tools.
public enum DocumentReading {}
