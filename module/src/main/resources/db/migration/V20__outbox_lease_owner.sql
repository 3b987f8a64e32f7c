-- The outbox shared by every node (issue 13 §3). A node claims due rows with
-- SELECT ... FOR UPDATE SKIP LOCKED (two nodes never take the same row) and leases each one:
-- claimed_by names the node, lease_until ends its claim. A node that dies holding rows loses them
-- when the lease ends and any node takes them over; a late answer of the dead claim is ignored (its
-- settle names the claimer and the attempt). Plain SQL for H2 and PostgreSQL alike.
ALTER TABLE outbox RENAME COLUMN claimed_until TO lease_until;
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(100);
