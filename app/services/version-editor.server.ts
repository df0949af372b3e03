/**
 * The steps of the two version editors, the competency framework's and the review rubric's: both keep versions
 * that go from draft to published to retired, and edit a draft's ordered items in place. The list page makes a
 * new draft; the version page adds, updates, moves and deletes an item, saves the details, publishes or discards
 * the draft. Each route names its own services and forms; the parsing, the refusals and the redirects are here once.
 */
import { data, redirect } from "@remix-run/node";
import { z, type ZodTypeAny } from "zod";
import { eq, sql } from "drizzle-orm";
import { applications, frameworks, rubrics } from "../../db/schema";
import { isUuid, parseForm, typedValues, type FieldErrors } from "~/domain/forms";
import { refused, UNKNOWN_REQUEST, type Outcome, type Refused } from "~/domain/outcome";
import { refusalResponse } from "~/http.server";
import { db, type Database } from "./db.server";
import { notFound, requireStaff } from "./request.server";
import { recordAudit } from "./audit.server";

type Step<T = unknown> = Promise<Outcome<T>>;

/** What a refused step answers: which form (`intent`, and the item for an inline edit), its errors and what was typed. */
type VersionActionData = { intent: string; itemId?: string; errors: FieldErrors; values: Record<string, string> };

/** The list page's one step: a new draft (a copy of the published version, or empty), then its page; the draft already in progress when there is one. */
export async function createVersionDraft(request: Request, path: string, create: (db: Database, actorId: string) => Step<{ id: string; created: boolean }>) {
  const user = await requireStaff(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "create-draft") return refusalResponse(UNKNOWN_REQUEST);
  const result = await create(db, user.id);
  if (!result.ok) return refusalResponse(result);
  return redirect(`${path}/${result.value.id}?${result.value.created ? "created" : "existing"}=1`);
}

/** The version a page is about, or a 404 for an id that cannot be one. */
export function versionIdOf(params: { id?: string }): string {
  if (!params.id || !isUuid(params.id)) notFound();
  return params.id;
}

type VersionEditorSteps<Item extends ZodTypeAny, Details extends ZodTypeAny, Published> = {
  /** The list page, e.g. `/admin/framework`; a version's page is `${path}/${id}`. */
  path: string;
  /** The form field naming an item (`nodeId`, `criterionId`) and the refusal when it is missing. */
  ref: { field: string; missing: string };
  item: {
    schema: Item;
    code: (item: z.output<Item>) => string;
    add: (db: Database, actorId: string, versionId: string, item: z.output<Item>) => Step;
    update: (db: Database, actorId: string, versionId: string, itemId: string, item: z.output<Item>) => Step;
    move: (db: Database, actorId: string, versionId: string, itemId: string, direction: "up" | "down") => Step;
    remove: (db: Database, actorId: string, versionId: string, itemId: string) => Step;
    /** Where a deletion lands: the page itself, or with a query that says it was done. */
    removedQuery?: string;
  };
  details: { schema: Details; save: (db: Database, actorId: string, versionId: string, details: z.output<Details>) => Step };
  publish: (db: Database, actorId: string, versionId: string) => Step<Published>;
  /** The query the page is shown with once published (`published=1` and whatever the route adds). */
  publishedQuery: (published: Published) => string;
  discard: (db: Database, actorId: string, versionId: string) => Step;
};

/** One version page's action: the step its `intent` names, refused with the field errors and what was typed, or a redirect. */
export async function versionEditorAction<Item extends ZodTypeAny, Details extends ZodTypeAny, Published>(
  request: Request,
  params: { id?: string },
  steps: VersionEditorSteps<Item, Details, Published>,
) {
  const user = await requireStaff(request);
  const versionId = versionIdOf(params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `${steps.path}/${versionId}`;
  const values = typedValues(formData);
  const fail = (status: number, errors: FieldErrors, itemId?: string) => data<VersionActionData>({ intent, itemId, errors, values }, { status });
  const refusal = (result: Outcome<unknown> & { ok: false }, itemId?: string) => refusalResponse<Record<string, string>, { intent: string; itemId?: string }>(result, values, { intent, itemId });
  const ref = z.object({ itemId: z.string().uuid(steps.ref.missing) });
  const itemIdIn = () => ref.safeParse({ itemId: formData.get(steps.ref.field) });

  switch (intent) {
    case "add":
    case "update": {
      const itemRef = intent === "update" ? itemIdIn() : null;
      if (itemRef && !itemRef.success) return fail(400, { form: steps.ref.missing });
      const itemId = itemRef?.data?.itemId;
      const parsed = parseForm(formData, steps.item.schema);
      if (!parsed.success) return fail(400, parsed.errors, itemId);
      const result = itemId ? await steps.item.update(db, user.id, versionId, itemId, parsed.data) : await steps.item.add(db, user.id, versionId, parsed.data);
      if (!result.ok) return refusal(result, itemId);
      return redirect(`${here}?saved=${encodeURIComponent(steps.item.code(parsed.data))}`);
    }
    case "move":
    case "delete": {
      const itemRef = itemIdIn();
      const direction = z.enum(["up", "down"]).safeParse(formData.get("direction"));
      if (!itemRef.success || (intent === "move" && !direction.success)) return fail(400, { form: steps.ref.missing });
      const itemId = itemRef.data.itemId;
      const result = direction.success && intent === "move" ? await steps.item.move(db, user.id, versionId, itemId, direction.data) : await steps.item.remove(db, user.id, versionId, itemId);
      if (!result.ok) return refusal(result);
      return redirect(intent === "delete" && steps.item.removedQuery ? `${here}?${steps.item.removedQuery}` : here);
    }
    case "details": {
      const parsed = parseForm(formData, steps.details.schema);
      if (!parsed.success) return fail(400, parsed.errors);
      const result = await steps.details.save(db, user.id, versionId, parsed.data);
      if (!result.ok) return refusal(result);
      return redirect(`${here}?saved=details`);
    }
    case "publish": {
      const result = await steps.publish(db, user.id, versionId);
      if (!result.ok) return refusal(result);
      return redirect(`${here}?${steps.publishedQuery(result.value)}`);
    }
    case "discard": {
      const result = await steps.discard(db, user.id, versionId);
      if (!result.ok) return refusal(result);
      return redirect(steps.path);
    }
  }
  return refusal(UNKNOWN_REQUEST);
}

// ---- a draft version, in the database ------------------------------------------------------------

/** The framework's or the rubric's versions: their table, the applications' column that pins one, and the words. */
export type VersionKind = {
  table: typeof frameworks | typeof rubrics;
  pinnedBy: typeof applications.frameworkId | typeof applications.rubricId;
  entityType: "framework" | "rubric";
  words: { missing: string; notDraft: (status: string) => string; pinned: string };
};

/** The draft of the framework or the rubric being written, if there is one (the oldest, should there be several). */
export async function draftInProgress(tx: Database, table: VersionKind["table"]): Promise<{ id: string; version: number } | undefined> {
  const [draft] = await tx.select({ id: table.id, version: table.version }).from(table).where(eq(table.status, "draft")).orderBy(table.version).limit(1);
  return draft;
}

/** Refuses unless the version exists and is still a draft; locks its row for the rest of the transaction. */
export async function lockVersionDraft(tx: Database, kind: VersionKind, versionId: string): Promise<Refused | null> {
  const [version] = await tx.select({ status: kind.table.status }).from(kind.table).where(eq(kind.table.id, versionId)).for("no key update");
  if (!version) return refused(404, kind.words.missing);
  if (version.status !== "draft") return refused(409, kind.words.notDraft(version.status));
  return null;
}

/** One edit of a draft version, all or nothing: one transaction, the version's row locked and still a draft. */
export function editVersionDraft<T>(db: Database, kind: VersionKind, versionId: string, edit: (tx: Database) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  return db.transaction(async (tx) => (await lockVersionDraft(tx, kind, versionId)) ?? edit(tx));
}

/** Discard a draft nobody has pinned. */
export function discardVersionDraft(db: Database, actorId: string, kind: VersionKind, versionId: string): Promise<Outcome> {
  return editVersionDraft(db, kind, versionId, async (tx) => {
    const [pinned] = await tx.select({ n: sql<number>`count(*)::int` }).from(applications).where(eq(kind.pinnedBy, versionId));
    if (pinned.n > 0) return refused(409, kind.words.pinned);
    const [gone] = await tx.delete(kind.table).where(eq(kind.table.id, versionId)).returning({ version: kind.table.version });
    await recordAudit(tx, { actorId, action: `${kind.entityType}.draft_deleted`, entityType: kind.entityType, entityId: versionId, data: { version: gone.version } });
    return { ok: true, value: undefined };
  });
}
