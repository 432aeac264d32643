DROP TABLE oidc_links;
DROP TABLE oidc_sign_ins;
DROP TABLE user_identities;
