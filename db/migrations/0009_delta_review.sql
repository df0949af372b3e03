ALTER TABLE "courses" ADD COLUMN "revises_course_id" uuid;--> statement-breakpoint
ALTER TABLE "material_changes" ADD COLUMN "delta_application_id" uuid;--> statement-breakpoint
ALTER TABLE "material_changes" ADD CONSTRAINT "material_changes_delta_application_id_applications_id_fk" FOREIGN KEY ("delta_application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;