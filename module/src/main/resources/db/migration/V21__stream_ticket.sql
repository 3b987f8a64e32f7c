-- One-use tickets of the live streams (presence, counter events), in the database rather than in
-- one JVM's memory: behind HAProxy without stickiness, the node that opens the stream is often not
-- the one that issued the ticket (issue 13 §2). Only the ticket's SHA-256 is stored, as for sessions.
CREATE TABLE stream_ticket (
  ticket_hash        VARCHAR(64)              NOT NULL PRIMARY KEY,
  login              VARCHAR(64)              NOT NULL REFERENCES account (login),
  session_token_hash VARCHAR(64),
  scope              VARCHAR(64)              NOT NULL,
  expires_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stream_ticket_expires ON stream_ticket (expires_at);
