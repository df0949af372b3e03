import { expect, followMailLink, openMail, test } from "./fixtures";
import { FOUNDATIONS_MODULES, tinyPdf } from "./syllabus";
import { mapFromList } from "./journey-helpers";
import { expectNoAxeViolations } from "./axe";

const unique = (name: string) => `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.org`;

test("a new provider signs up, fills every section with suggestions' help, submits, and is emailed; another organisation gets 404", async ({ page, loginAs }) => {
  test.setTimeout(180_000);
  const email = unique("olive");

  // Sign up.
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Olive Owner");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("ferris crab 2026 rust");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();

  // Create the organisation.
  await page.goto("/provider");
  await expect(page.getByText("You are not part of a training organisation yet")).toBeVisible();
  await page.locator(".empty-state").getByRole("link", { name: "Create an organisation" }).click();
  const slug = `olive-${Date.now().toString(36)}`;
  await page.getByLabel("Display name").fill("Olive Rust Training");
  await page.getByLabel("Legal name").fill("Olive Rust Training Ltd");
  await page.getByLabel("Address name").fill(slug);
  await page.getByLabel("Website (optional)").fill("https://olive.example");
  await page.getByLabel("Country").fill("GB");
  await page.getByLabel("Description").fill("Hands-on Rust courses for teams moving from C++ and Python.");
  await page.getByLabel("Contact email").fill(email);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My organisation" })).toBeVisible();

  // Start an application: it opens on the organisation section, already complete from the profile.
  await page.locator(".empty-state").getByRole("link", { name: "Start an application" }).click();
  await page.getByRole("button", { name: "Start the application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisation profile" })).toBeVisible();
  const applicationUrl = new URL(page.url()).pathname.replace(/\/organisation$/, "");
  const sections = page.getByRole("navigation", { name: "Application sections" });
  await expect(sections).toContainText("1 of 6 sections complete");
  await page.getByLabel("Description").fill("Hands-on Rust courses for teams moving from C++ and Python, in English.");
  await page.getByRole("button", { name: "Save organisation profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Trainers.
  await sections.getByRole("link", { name: /Trainers/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trainers" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Tess Trainer");
  await page.getByLabel("Qualifications").fill("MSc Computer Science; 10 years of teaching");
  await page.getByLabel("Years of Rust experience").fill("7");
  await page.getByRole("button", { name: "Add trainer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Tess Trainer" })).toBeVisible();
  // The same trainer again is refused next to the name (decision 057), and what was typed stays.
  const addTrainer = page.getByRole("region", { name: "Add a trainer" });
  await addTrainer.getByLabel("Name", { exact: true }).fill("Tess Trainer");
  await addTrainer.getByLabel("Years of Rust experience").fill("7");
  await addTrainer.getByRole("button", { name: "Add trainer" }).click();
  await expect(addTrainer.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Tess Trainer is already listed");
  await expect(addTrainer.getByLabel("Name", { exact: true })).toHaveValue("Tess Trainer");
  await expect(page.getByRole("heading", { level: 2, name: "Tess Trainer" })).toHaveCount(1);

  // A course and its modules.
  await sections.getByRole("link", { name: /Courses and modules/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Courses and syllabus modules" })).toBeVisible();
  await page.getByLabel("Course title").fill("Rust Foundations");
  await page.getByLabel("Level").selectOption("foundation");
  await page.getByLabel("Description").fill("Three days from zero to confident Rust.");
  await page.getByLabel("Total hours").fill("21");
  await page.getByLabel("In person").check();
  await page.getByLabel("Online, live").check();
  await page.getByLabel("Languages").fill("English");
  await page.getByRole("button", { name: "Add course" }).click();
  const course = page.getByRole("region", { name: "Rust Foundations" });
  await expect(course).toBeVisible();
  for (const m of FOUNDATIONS_MODULES) {
    const adder = course.locator("details").filter({ has: page.getByText("Add a module to Rust Foundations") });
    if (!(await adder.getAttribute("open")) && (await adder.getAttribute("open")) !== "") await adder.locator("summary").click();
    await adder.getByLabel("Module title").fill(m.title);
    await adder.getByLabel("Learning outcomes").fill(m.outcomes);
    await adder.getByLabel("Hours").fill("4");
    await adder.getByRole("button", { name: "Add module" }).click();
    await expect(course.getByText(m.title, { exact: true }).first()).toBeVisible();
  }
  // Reorder: the last module moves up one place.
  await course.getByRole("button", { name: `Move up ${FOUNDATIONS_MODULES[3].title}` }).click();
  await expect(course.locator(".module-item strong").nth(2)).toHaveText(FOUNDATIONS_MODULES[3].title);
  await course.getByRole("button", { name: `Move down ${FOUNDATIONS_MODULES[3].title}` }).click();
  await expect(course.locator(".module-item strong").nth(3)).toHaveText(FOUNDATIONS_MODULES[3].title);

  // Mapping, with the suggestions' one-click accept.
  await sections.getByRole("link", { name: /Competency mapping/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Competency mapping" })).toBeVisible();
  await expect(page.getByText(/Core coverage: 0%/)).toBeVisible();
  await expect(page.getByText("Below the 80% target")).toBeVisible();
  let fromSuggestions = 0;
  for (const m of FOUNDATIONS_MODULES) {
    for (const code of m.codes) {
      const suggestion = page.getByRole("button", { name: new RegExp(`^Add as practised: ${code.replace(".", "\\.")} to ${m.title}$`) });
      if ((await suggestion.count()) > 0) {
        await suggestion.click();
        fromSuggestions += 1;
      } else {
        const article = page.locator("article").filter({ has: page.getByRole("heading", { level: 4, name: new RegExp(m.title) }) });
        await mapFromList(article, code);
      }
      await expect(page.getByRole("table", { name: `Competencies mapped to ${m.title}` })).toContainText(code);
    }
  }
  expect(fromSuggestions, "most mappings came from suggestions").toBeGreaterThanOrEqual(10);
  await expect(page.getByText(/Core coverage: 100%/)).toBeVisible();
  await expect(page.getByText("Meets the 80% target")).toBeVisible();
  const matrix = page.getByRole("table", { name: "Coverage of Rust Foundations: competencies by module, with depth" });
  await expect(matrix.getByRole("row", { name: /OWN\.1/ })).toContainText("P");
  await expectNoAxeViolations(page);

  // Evidence: a PDF syllabus.
  await sections.getByRole("link", { name: /Evidence documents/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evidence documents" })).toBeVisible();
  await page.getByLabel("What is it?").selectOption("syllabus");
  await page.getByLabel("PDF file").setInputFiles({ name: "rust-foundations-syllabus.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await page.getByRole("button", { name: "Upload" }).click();
  const documentLink = page.getByRole("link", { name: "rust-foundations-syllabus.pdf" });
  await expect(documentLink).toBeVisible();
  const documentUrl = (await documentLink.getAttribute("href"))!;
  const own = await page.request.get(documentUrl);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toContain("attachment");

  // Declarations.
  await sections.getByRole("link", { name: /Declarations/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Declarations" })).toBeVisible();
  await page.getByLabel(/information in this application is accurate/).check();
  await page.getByLabel(/code of conduct/).check();
  await page.getByLabel(/stores this application/).check();
  await expect(page.getByLabel("Your full name, as signature")).toHaveValue("Olive Owner");
  await page.getByRole("button", { name: "Save declarations" }).click();
  await expect(sections).toContainText("6 of 6 sections complete");

  // Review and submit.
  await sections.getByRole("link", { name: "Overview and submit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review and submit" })).toBeVisible();
  await expect(page.getByText("Everything required is there.")).toBeVisible();
  // The address is not confirmed yet: the page says so, and submitting is refused with the same advice.
  await expect(page.getByText(`Before you submit, confirm your email address: open the link we sent to ${email}`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByRole("alert")).toContainText(`Confirm your email address before you submit: open the link we sent to ${email}`);
  const overview = page.url();

  // Confirm it from the email, then submit.
  await openMail(page, email, "Confirm your email address");
  await followMailLink(page, "/verify-email?token=");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email address confirmed" })).toBeVisible();
  await page.goto(overview);
  await expect(page.getByText("Before you submit, confirm your email address")).toHaveCount(0);
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Submitted as revision 1" })).toBeVisible();
  await page.goto("/provider");
  await expect(page.getByRole("list", { name: "History of the Olive Rust Training application" })).toContainText("Submitted (revision 1)");

  await openMail(page, email, "We received Olive Rust Training's application");

  // A member of another organisation: 404 on the application and on its document.
  await loginAs("owner2@example.org");
  const other = await page.goto(applicationUrl);
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  expect((await page.request.get(documentUrl)).status()).toBe(404);
});
