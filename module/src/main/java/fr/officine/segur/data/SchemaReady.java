package fr.officine.segur.data;

/**
 * Fired (synchronously) once the schema is at the code's version, before the application takes
 * requests: observers that must write at startup (the sandbox seed) hang on it.
 */
public record SchemaReady(String version) {}
