CREATE TABLE "material_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"accreditation_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"description" text NOT NULL,
	"effective_on" date NOT NULL,
	"response" text,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "material_changes" ADD CONSTRAINT "material_changes_accreditation_id_accreditations_id_fk" FOREIGN KEY ("accreditation_id") REFERENCES "public"."accreditations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_changes" ADD CONSTRAINT "material_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_changes" ADD CONSTRAINT "material_changes_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_changes" ADD CONSTRAINT "material_changes_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "material_changes_org_idx" ON "material_changes" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "material_changes_status_idx" ON "material_changes" USING btree ("status");