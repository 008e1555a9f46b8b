package dev.cordon.policy;

/** A named model resource: provider ("*" = any) and a model-name glob ({@code *} any run). */
public record ModelDef(String id, String provider, String modelGlob) { }
