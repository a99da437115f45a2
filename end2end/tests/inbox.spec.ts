// The inbox in the browser: a comment Meta delivers (signed as Meta signs it)
// lands in the inbox; a member opens it, assigns it, notes something and
// answers; the demo's page is sample data, so the reply is refused in words and
// its text stays. The open list shows the comment without a reload; keys move
// (j/k) and act (e resolves).
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

const manager = { email: "manager@northwind.example", password: "demo-manager-ristretto" };

test("a signed Meta comment arrives in the inbox; assign it, note it, and a reply on sample data says why it was not sent", async ({ page, request }) => {
  await logIn(page, manager.email, manager.password);
  await page.goto("/inbox");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await hydrated(page);

  const words = `Do you still have the holiday blend? ${Date.now()}`;
  const body = JSON.stringify({
    object: "page",
    entry: [{
      id: "demo-facebook-northwindcoffee",
      time: Math.floor(Date.now() / 1000),
      changes: [{ field: "feed", value: {
        from: { id: `e2e-person-${Date.now()}`, name: "Riley Quinn" }, item: "comment", verb: "add",
        post_id: "demo-facebook-northwindcoffee_1", comment_id: `e2e_${Date.now()}`,
        created_time: Math.floor(Date.now() / 1000), message: words,
      } }],
    }],
  });
  const signature = "sha256=" + createHmac("sha256", "e2e-meta-app-secret").update(body).digest("hex");
  const forged = await request.post("/webhooks/meta", {
    data: body, headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=00" },
  });
  expect(forged.status()).toBe(403);
  const delivered = await request.post("/webhooks/meta", {
    data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signature },
  });
  expect(delivered.status()).toBe(200);

  // The open list shows it without a reload.
  const row = page.getByTestId("conversation-row").filter({ hasText: words });
  await expect(row).toHaveAttribute("data-unread", "true", { timeout: 20_000 });
  await expect(page.getByTestId("inbox-live")).toContainText("updated");
  // j moves to the first conversation; Enter opens it.
  await page.locator("body").press("j");
  await expect(page.getByTestId("conversation-row").first().getByRole("link").first()).toBeFocused();
  await row.getByRole("link", { name: "Riley Quinn" }).click();
  await expect(page.getByTestId("thread")).toContainText(words);

  await page.getByLabel("Assignee").selectOption({ label: "Maya Moreau" });
  await page.getByLabel("Priority").selectOption("high");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("conversation-facts")).toContainText("High priority");
  await page.getByPlaceholder("Add a note for the team").fill("Riley is a regular.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("notes")).toContainText("Riley is a regular.");

  await page.getByLabel("Reply").fill("Yes, until New Year!");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("reply-error")).toContainText("sample data");
  await expect(page.getByLabel("Reply")).toHaveValue("Yes, until New Year!");
  await expect(page.getByTestId("reply-state")).toContainText("Not sent");

  // e resolves it from the keyboard.
  await hydrated(page);
  await page.locator("body").press("e");
  await expect(page.getByTestId("conversation-facts")).toContainText("Resolved");

  // Mine now, under "assigned to me" (resolved ones).
  await page.goto("/inbox?status=resolved&assignee=me&priority=high&platform=facebook");
  // Its latest message, the reply that was not sent, is the line's preview.
  const mine = page.getByTestId("conversation-row").first();
  await expect(mine).toContainText("Riley Quinn");
  await expect(mine).toContainText("Yes, until New Year!");
});

test("SLA: a late conversation shows its breach, a policy is made, and the report counts hits and misses", async ({ page }) => {
  await logIn(page, manager.email, manager.password);
  // The demo holds answered-late and unanswered conversations past their SLA.
  await page.goto("/inbox/sla");
  await expect(page.getByTestId("sla-totals")).toContainText("Missed");
  const byPolicy = page.getByTestId("sla-policy");
  await expect(byPolicy).toContainText("Standard");
  await expect(byPolicy).toContainText("Urgent and high");
  const csv = await page.request.get("/api/inbox/sla/export");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("group,name,hit,missed");

  // An open one at risk: its SLA chip, and on its page the clock and its state.
  await page.goto("/inbox?sla=risk");
  const late = page.getByTestId("conversation-row").first();
  await expect(late.getByTestId("sla-chip")).toBeVisible();
  await late.getByRole("link").first().click();
  await expect(page.getByTestId("sla-clock").first()).toBeVisible();
  await expect(page.getByTestId("sla")).toContainText(/Overdue|Running|Missed/);

  // A new policy: refused without a target, the name kept; then saved.
  await page.goto("/inbox/settings");
  await page.getByText("New policy").click();
  const form = page.getByTestId("sla-policy-form").last();
  await form.getByLabel("Name").fill("Reviews");
  await form.getByRole("checkbox", { name: "Review" }).check();
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByText("Set at least one target")).toBeVisible();
  await expect(page.getByTestId("sla-policy-form").last().getByLabel("Name")).toHaveValue("Reviews");
  const again = page.getByTestId("sla-policy-form").last();
  await again.getByRole("group", { name: "First response" }).getByLabel("Hours").fill("4");
  await again.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId("sla-policy").filter({ hasText: "Reviews" })).toContainText("First response within 4 h");
});

test("a direct message becomes a lead, found again rather than made twice", async ({ page }) => {
  await logIn(page, manager.email, manager.password);
  await page.goto("/inbox?kind=dm&status=resolved");
  await page.getByTestId("conversation-row").first().getByRole("link").first().click();
  const lead = page.getByTestId("lead");
  // The browser lets "ana@localhost" through; Aura asks for a full address.
  await lead.getByLabel("Email (optional)").fill("ana@localhost");
  await lead.getByRole("button", { name: "Make this a lead" }).click();
  await expect(page.getByTestId("lead").getByText("Give an email address")).toBeVisible();
  await expect(page.getByTestId("lead").getByLabel("Email (optional)")).toHaveValue("ana@localhost");
  const email = `dm.${Date.now()}@example.com`;
  await page.getByTestId("lead").getByLabel("Email (optional)").fill(email);
  await page.getByTestId("lead").getByRole("button", { name: "Make this a lead" }).click();
  await expect(page.getByTestId("lead-link")).toContainText(email);
  await expect(page.getByTestId("notes")).toContainText("Made a lead in the CRM.");
});

test("an X mention is read into the inbox, drafted with AI, answered through X with the SLA met", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  // Connecting the account books its first read; the mock X has one mention.
  await page.goto("/accounts");
  await page.getByRole("button", { name: "Connect X" }).click();
  await page.getByRole("link", { name: "Authorize app" }).click();
  await expect(page.getByTestId("connect-notice")).toHaveText("Connected X · Roasters on X.");

  await page.goto("/inbox/settings");
  const polled = page.getByTestId("polled-account").filter({ hasText: "Roasters on X" });
  await expect(polled).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      return (await polled.textContent()) ?? "";
    }, { timeout: 20_000 })
    .toContain("1 message brought in");
  await page.getByRole("button", { name: "Read now" }).click();
  await expect(page.getByTestId("toast")).toContainText("Reading the accounts now");

  await page.goto("/inbox?platform=twitter&kind=mention");
  const row = page.getByTestId("conversation-row").filter({ hasText: "Mia Chen (@miachen)" });
  await expect(row).toContainText("is the holiday blend back");
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("sla-state").first()).toHaveText("Running");
  // Drafted with AI (the mock model), read, changed a little, sent.
  await page.getByRole("button", { name: "Draft with AI" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Draft ready: read it before you send it");
  await expect(page.getByTestId("ai-draft-note")).toContainText("Drafted with AI (mock-llama, 80 tokens)");
  const box = page.getByLabel("Reply", { exact: true });
  await expect(box).toHaveValue("Thanks for asking! The holiday blend is back in the shop on Friday.");
  await box.fill("Thanks for asking, Mia! The holiday blend is back in the shop on Friday.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Reply sent");
  const sent = page.getByTestId("message").filter({ hasText: "back in the shop on Friday" });
  await expect(sent).toBeVisible();
  await expect(sent).toContainText("drafted with AI");
  await expect(sent.getByTestId("reply-state")).toHaveCount(0);
  await expect(page.getByTestId("ai-draft-note")).toHaveCount(0);
  await expect(page.getByTestId("sla-clock").filter({ hasText: "First response" }).getByTestId("sla-state")).toHaveText("Met");

  // Leave X unconnected for the other tests.
  await page.goto("/accounts");
  const account = page.getByTestId("social-account").filter({ hasText: "Roasters on X" });
  await account.getByText("Remove", { exact: true }).click();
  await account.getByRole("button", { name: "Remove account" }).click();
  await expect(account).toHaveCount(0);
});

test("the chatbot's answers: a rejected one keeps what was typed, a new one is listed, one is deleted after asking", async ({ page }) => {
  await logIn(page, manager.email, manager.password);
  await page.goto("/inbox/settings");
  const bot = page.getByTestId("chatbot");
  await expect(bot.getByTestId("chatbot-state")).toContainText("On:");
  await expect(bot.getByTestId("bot-answer").first()).toContainText("hours, open, closing");

  await bot.getByText("New answer").click();
  await bot.getByLabel("Answer", { exact: true }).fill("We roast every Tuesday.");
  await bot.getByRole("button", { name: "Add answer" }).click();
  await expect(page.getByTestId("chatbot").getByText("Give at least one word")).toBeVisible();
  await expect(page.getByTestId("chatbot").getByLabel("Answer", { exact: true })).toHaveValue("We roast every Tuesday.");

  const form = page.getByTestId("bot-answer-form");
  await form.getByLabel("When a message says").fill("roast day, fresh");
  await form.getByRole("button", { name: "Add answer" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Answer added");
  const added = page.getByTestId("bot-answer").filter({ hasText: "roast day, fresh" });
  await expect(added).toContainText("We roast every Tuesday.");

  await added.getByText("Delete", { exact: true }).click();
  await added.getByRole("button", { name: "Delete answer" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Answer deleted");
  await expect(page.getByTestId("bot-answer").filter({ hasText: "roast day, fresh" })).toHaveCount(0);
});

test("an editor's reply waits for a manager, who asks for changes; it comes back with the comment and the author cannot approve it", async ({ page, browser }) => {
  await logIn(page, manager.email, manager.password);
  await page.goto("/");
  await page.getByRole("link", { name: "Review the oldest" }).click();
  const held = page.getByTestId("message").filter({ has: page.getByTestId("decide-reply") });
  await expect(held).toContainText("We're looking into it");
  await expect(held.getByTestId("reply-state")).toContainText("Waiting for approval from");
  const address = page.url();
  await hydrated(page);

  // A request for changes needs its comment: refused, nothing lost.
  await held.getByRole("button", { name: "Ask for changes" }).click();
  await expect(page.getByText("Say what should change")).toBeVisible();
  const form = page.getByTestId("decide-reply");
  await form.getByLabel("Comment (needed to ask for changes)").fill("Say when we will answer, please.");
  await form.getByRole("button", { name: "Ask for changes" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Decision recorded");
  const returned = page.getByTestId("message").filter({ hasText: "We're looking into it" });
  await expect(returned.getByTestId("reply-state")).toContainText("Changes asked for: Say when we will answer, please.");
  await expect(page.getByTestId("decide-reply")).toHaveCount(0);

  // The editor who wrote it sees the comment and has nothing to decide.
  const editor = await browser.newPage();
  await logIn(editor, "editor@northwind.example", "demo-editor-macchiato");
  await editor.goto(address);
  await expect(editor.getByTestId("message").filter({ hasText: "We're looking into it" })).toContainText("Changes asked for");
  await expect(editor.getByTestId("decide-reply")).toHaveCount(0);
  await editor.close();
});
