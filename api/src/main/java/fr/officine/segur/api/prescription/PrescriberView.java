package fr.officine.segur.api.prescription;

public record PrescriberView(String rpps, String lastName, String firstName, String specialty) {}
