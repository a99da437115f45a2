// Approval chains in the browser, on the demo's "Brand review" chain (Threads and
// Instagram: the manager, then the admin): the editor submits a post, the manager
// approves level 1, the admin asks for changes at level 2 (a comment is needed),
// the editor edits it, and both levels approve it again until it is scheduled;
// a client approves through the link emailed to them, without an account, and
// the demo's client through the link already in the outbox.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { emailedLink, logIn, uniqueEmail } from "./helpers";

const editor = { email: "editor@northwind.example", password: "demo-editor-macchiato" };
const manager = { email: "manager@northwind.example", password: "demo-manager-ristretto" };
const admin = { email: "admin@northwind.example", password: "demo-admin-cortado" };

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, who.email, who.password);
  return page;
}

const status = (page: Page) => page.getByTestId("post-header").getByTestId("post-status");

async function approve(page: Page, postUrl: string) {
  await page.goto(postUrl);
  await page.getByTestId("decide-approve").click();
  // Recorded: the page comes back without the form (the post waits on others now).
  await expect(page.getByTestId("decide-form")).toHaveCount(0);
}

test("submit, approve level 1, request changes at level 2, edit, and approve through both levels", async ({ browser }) => {
  const ethan = await signedIn(browser, editor);
  await ethan.goto("/posts/new");
  const text = `Cupping night this Thursday: three new Ethiopian lots. ${Date.now()}`;
  await ethan.getByLabel("Text", { exact: true }).fill(text);
  await ethan.locator("[data-testid=account-choice][data-platform=threads] input[type=checkbox]").check();
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await ethan.getByLabel(/^When/).fill(`${day}T10:30`);
  await ethan.getByTestId("schedule").click();
  await expect(ethan).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
  const postUrl = new URL(ethan.url()).pathname;
  await expect(status(ethan)).toHaveText("Waiting for approval");
  await expect(ethan.getByTestId("approval-state")).toHaveText("Waiting at level 1 for Maya Moreau");

  // Maya sees it waiting for her (with the count in the navigation) and approves.
  const maya = await signedIn(browser, manager);
  await maya.goto("/approvals");
  await expect(maya.locator("a[href='/approvals'] [data-testid=nav-badge]:visible")).toBeVisible();
  await maya.getByRole("link", { name: text }).click();
  await expect(maya).toHaveURL(new RegExp(`${postUrl}$`));
  await maya.getByTestId("decide-approve").click();
  await expect(maya.getByTestId("approval-state")).toHaveText("Waiting at level 2 for Adam Alvarez");

  // Adam asks for changes: without a comment he is told why not, nothing lost.
  const adam = await signedIn(browser, admin);
  await adam.goto(postUrl);
  await adam.getByTestId("decide-changes").click();
  await expect(adam.getByTestId("decide-form")).toContainText("Say what should change");
  await adam.getByLabel(/^Comment \(needed/).fill("Say the lots ship Friday too.");
  await adam.getByTestId("decide-changes").click();
  await expect(status(adam)).toHaveText("Draft");
  await expect(adam.getByTestId("approval-state")).toHaveText("Changes requested by Adam Alvarez at level 2");
  await expect(adam.getByTestId("approval-history")).toContainText("Say the lots ship Friday too.");

  // Ethan edits it and schedules again: back to level 1.
  await ethan.goto(postUrl);
  await ethan.getByLabel("Text", { exact: true }).fill(`${text} The lots ship Friday.`);
  await ethan.getByTestId("schedule").click();
  await expect(status(ethan)).toHaveText("Waiting for approval");
  await expect(ethan.getByTestId("approval-state")).toHaveText("Waiting at level 1 for Maya Moreau");

  await approve(maya, postUrl);
  await approve(adam, postUrl);
  await expect(status(adam)).toHaveText("Scheduled");
  await expect(adam.getByTestId("approval-state")).toHaveText("Approved at every level");
  await ethan.goto("/approvals?tab=history");
  await expect(ethan.getByTestId("approval-item").first()).toContainText("Approved by Adam Alvarez at level 2");
});

test("a client opens the emailed approval link in a fresh browser and approves", async ({ browser }) => {
  const ethan = await signedIn(browser, editor);
  await ethan.goto("/posts/new");
  const text = `Our Swiss Water decaf is back in stock. ${Date.now()}`;
  await ethan.getByLabel("Text", { exact: true }).fill(text);
  await ethan.locator("[data-testid=account-choice][data-platform=threads] input[type=checkbox]").check();
  const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  await ethan.getByLabel(/^When/).fill(`${day}T09:15`);
  await ethan.getByTestId("schedule").click();
  await expect(status(ethan)).toHaveText("Waiting for approval");
  const postUrl = new URL(ethan.url()).pathname;

  // A wrong address is refused in words; the right one sends the link.
  const client = uniqueEmail("dana");
  await ethan.getByText("Ask a client to approve").click();
  await ethan.getByLabel("Client's email").fill("dana");
  await ethan.getByRole("button", { name: "Send approval link" }).click();
  await expect(ethan.getByTestId("share-form")).toContainText("Enter the client's email address");
  await expect(ethan.getByLabel("Client's email")).toHaveValue("dana");
  await ethan.getByLabel("Client's email").fill(client);
  await ethan.getByLabel("Their name (optional)").fill("Dana");
  await ethan.getByRole("button", { name: "Send approval link" }).click();
  await expect(ethan.getByTestId("shared-with")).toContainText(client);

  // The client, signed out in a fresh browser, sees that post and approves it.
  const link = await emailedLink(ethan, client);
  const dana = await (await browser.newContext()).newPage();
  await dana.goto(link);
  await expect(dana.getByRole("heading", { name: "Posts from Northwind Coffee for your approval" })).toBeVisible();
  const card = dana.getByTestId("shared-post").filter({ hasText: text });
  await expect(dana.getByTestId("shared-post")).toHaveCount(1);
  await expect(card).toContainText("Waiting for your approval");
  await card.getByTestId("client-approve").click();
  await expect(dana.getByTestId("shared-post").first()).toContainText("Waiting for the team's approval");

  // Level 1 is any one of its approvers: the client's approval moves it on.
  await ethan.goto(postUrl);
  await expect(ethan.getByTestId("approval-state")).toHaveText("Waiting at level 2 for Adam Alvarez");
  await expect(ethan.getByTestId("approval-history")).toContainText("Dana (client) · Approved");

  // Stopping sharing asks first; then the client's link shows nothing.
  await ethan.getByTestId("shared-with").getByText("Stop sharing", { exact: true }).click();
  await ethan.getByRole("button", { name: "Yes, stop sharing" }).click();
  await expect(ethan.getByText("No longer shared with that client")).toBeVisible();
  await dana.reload();
  await expect(dana.getByText("the team stopped sharing its posts")).toBeVisible();
  await expect(dana.getByTestId("shared-post")).toHaveCount(0);
});

test("the demo's client opens the approval link from the outbox and approves a post waiting at level 2", async ({ browser }) => {
  const adam = await signedIn(browser, admin);
  const link = await emailedLink(adam, "dana@client.example");
  const dana = await (await browser.newContext()).newPage();
  await dana.goto(link);
  await expect(dana.getByRole("heading", { name: "Posts from Northwind Coffee for your approval" })).toBeVisible();
  const card = dana.getByTestId("shared-post").first();
  await expect(card).toContainText("Waiting for your approval");
  await card.getByTestId("client-approve").click();
  // Level 2 is "all of" the admins: the post still waits for the team.
  await expect(dana.getByTestId("shared-post").first()).toContainText("Waiting for the team's approval");
});
