-- Failed sign-ins of the last fifteen minutes, by account (subject "account:EMAIL") and by address
-- ("address:IP"), shared by every app node. Older rows are deleted as new ones come in.
CREATE TABLE login_failures (
    id  ${id_pk},
    subject VARCHAR(300) NOT NULL,
    at  BIGINT       NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (subject, at);
CREATE INDEX login_failures_by_time ON login_failures (at);
