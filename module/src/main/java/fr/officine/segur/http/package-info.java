/**
 * What a feature's REST resource declares to the HTTP layer and uses from it: the kind of body it
 * reads ({@link fr.officine.segur.http.AcceptsBody}) and the JSON codec for answers stored and sent
 * again byte for byte. Below every feature; {@code web} (the application, its filters and exception
 * mappers) sits above them all and nothing imports it.
 */
package fr.officine.segur.http;
