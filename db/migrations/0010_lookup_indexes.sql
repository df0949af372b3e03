CREATE INDEX "applications_submitted_idx" ON "applications" USING btree ("submitted_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "accreditations_application_idx" ON "accreditations" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "accreditations_decision_idx" ON "accreditations" USING btree ("decision_id");