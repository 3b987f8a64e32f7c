-- MSSanté operator of the sandbox: the mailboxes' messages (its own H2: <data>/mssante/mssante), kept
-- across restarts as a real operator keeps them, emptied by POST /sandbox/reset. Plain SQL, idempotent:
-- run at every start.
CREATE TABLE IF NOT EXISTS mss_message (
  -- delivery order: the admin API lists oldest first
  seq BIGINT AUTO_INCREMENT PRIMARY KEY,
  id VARCHAR(36) NOT NULL UNIQUE,
  from_address VARCHAR(320) NOT NULL,
  to_address VARCHAR(320) NOT NULL,
  subject VARCHAR(2000) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  message_id VARCHAR(2000) NOT NULL,
  -- the X-MSS-* headers, a JSON object: name -> [values]
  headers CLOB NOT NULL,
  body CLOB NOT NULL,
  client_subject VARCHAR(2000) NOT NULL
);
CREATE TABLE IF NOT EXISTS mss_attachment (
  message_id VARCHAR(36) NOT NULL REFERENCES mss_message(id) ON DELETE CASCADE,
  part_no INT NOT NULL,
  name VARCHAR(2000) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (message_id, part_no)
);
