ALTER TABLE "applications" ADD COLUMN "first_submitted_at" timestamp with time zone;--> statement-breakpoint
-- Applications submitted before this column: the time of their first revision, as the dashboard computed it until now.
UPDATE "applications" SET "first_submitted_at" = "first"."at" FROM (SELECT "application_id", min("submitted_at") AS "at" FROM "application_revisions" GROUP BY "application_id") AS "first" WHERE "first"."application_id" = "applications"."id";
