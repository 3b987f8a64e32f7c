package fr.officine.segur.api.session;

public record PharmacyView(String finess, String name, String city) {}
