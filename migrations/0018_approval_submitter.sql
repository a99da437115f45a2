-- Who sent a post for approval in a round: like its author, they never approve
-- that round (a manager who edits someone's post does not approve their own edit).
ALTER TABLE approvals ADD COLUMN submitted_by uuid REFERENCES users (id) ON DELETE SET NULL;
