-- Issue 21: the language a user chose for the app, the reports and the e-mails; null until they
-- choose (the browser's language is the default then, and English for e-mails).
alter table app_user add column language text check (language in ('en', 'uk', 'fr'));
