// Listening in the browser: search the demo's mentions by word (in any form,
// the words marked), open one and send it to the inbox; the trends and the
// influencers worked out from them; a search refused without words keeps what
// was typed.
import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

const manager = { email: "manager@northwind.example", password: "demo-manager-ristretto" };

test("search mentions, open one and send it to the inbox", async ({ page }) => {
  await logIn(page, manager.email, manager.password);
  await page.getByRole("link", { name: "Listening" }).first().click();
  await expect(page.getByTestId("mention-count")).toContainText("mentions");
  await expect(page.locator("svg[aria-labelledby='mentions-chart-title']")).toBeVisible();
  await expect(page.getByTestId("trends")).toContainText("#coldbrew");

  await page.getByLabel("Words").fill("roasting");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=roasting/);
  const empty = page.getByTestId("mentions-empty");
  await expect(empty).toBeVisible();

  await page.getByLabel("Words").fill("recommendations");
  // X: the demo has an X account to work X mentions in the inbox.
  await page.getByLabel("Platform").selectOption("twitter");
  await page.getByRole("button", { name: "Search" }).click();
  const first = page.getByTestId("mention").first();
  await expect(first.locator("mark")).toHaveText(/recommendations/i);
  await first.getByRole("link").first().click();
  await expect(page.getByTestId("mention-view")).toContainText("recommendations");
  await page.getByRole("button", { name: "Send to the inbox" }).click();
  await page.getByTestId("in-inbox").getByRole("link").click();
  await expect(page.getByTestId("conversation-heading")).toContainText("Mention");
  await expect(page.getByTestId("thread")).toContainText("recommendations");
});

test("influencers are ranked with their authenticity and saved to a list", async ({ page }) => {
  await logIn(page, manager.email, manager.password);
  await page.goto("/listening/influencers");
  const first = page.getByTestId("influencer").first();
  await expect(first).toContainText("authenticity");
  const name = (await first.locator("p").first().textContent()) ?? "";
  await first.getByLabel("Save to list").fill("E2E picks");
  await first.getByRole("button", { name: "Save" }).click();
  await page.getByRole("link", { name: "E2E picks" }).click();
  await expect(page.getByTestId("influencer").first()).toContainText(name.split(" (")[0]);
});

test("a search without words is refused and keeps what was typed", async ({ page }) => {
  await logIn(page, manager.email, manager.password);
  await page.goto("/listening/searches");
  await expect(page.getByTestId("search")).toHaveCount(3);
  await page.getByText("New search").click();
  const form = page.getByTestId("search-form").last();
  await form.getByLabel("Name").fill("Oat milk");
  await form.getByRole("button", { name: "Add search" }).click();
  await expect(page.getByText("Give the words to look for")).toBeVisible();
  await expect(page.getByTestId("search-form").last().getByLabel("Name")).toHaveValue("Oat milk");
});
