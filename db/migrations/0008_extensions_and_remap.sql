CREATE TABLE "remap_task_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"depth" text NOT NULL,
	"carried" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remap_task_modules" (
	"task_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"lost_codes" text[] NOT NULL,
	"mapped_at" timestamp with time zone,
	"mapped_by" uuid
);
--> statement-breakpoint
CREATE TABLE "remap_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accreditation_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"from_framework_id" uuid NOT NULL,
	"to_framework_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_on" date NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"completed_by" uuid,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "extends_accreditation_id" uuid;--> statement-breakpoint
ALTER TABLE "remap_task_mappings" ADD CONSTRAINT "remap_task_mappings_task_id_remap_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."remap_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_task_mappings" ADD CONSTRAINT "remap_task_mappings_module_id_course_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."course_modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_task_mappings" ADD CONSTRAINT "remap_task_mappings_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_task_modules" ADD CONSTRAINT "remap_task_modules_task_id_remap_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."remap_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_task_modules" ADD CONSTRAINT "remap_task_modules_module_id_course_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."course_modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_task_modules" ADD CONSTRAINT "remap_task_modules_mapped_by_users_id_fk" FOREIGN KEY ("mapped_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_tasks" ADD CONSTRAINT "remap_tasks_accreditation_id_accreditations_id_fk" FOREIGN KEY ("accreditation_id") REFERENCES "public"."accreditations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_tasks" ADD CONSTRAINT "remap_tasks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_tasks" ADD CONSTRAINT "remap_tasks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_tasks" ADD CONSTRAINT "remap_tasks_from_framework_id_frameworks_id_fk" FOREIGN KEY ("from_framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_tasks" ADD CONSTRAINT "remap_tasks_to_framework_id_frameworks_id_fk" FOREIGN KEY ("to_framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remap_tasks" ADD CONSTRAINT "remap_tasks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "remap_task_mappings_unique_idx" ON "remap_task_mappings" USING btree ("task_id","module_id","competency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remap_task_modules_pk_idx" ON "remap_task_modules" USING btree ("task_id","module_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remap_tasks_accreditation_version_idx" ON "remap_tasks" USING btree ("accreditation_id","to_framework_id");--> statement-breakpoint
CREATE INDEX "remap_tasks_org_idx" ON "remap_tasks" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "remap_tasks_status_idx" ON "remap_tasks" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_open_extension_idx" ON "applications" USING btree ("extends_accreditation_id") WHERE "applications"."extends_accreditation_id" is not null and "applications"."status" not in ('accredited', 'rejected', 'withdrawn');