// Social accounts in the browser, against the mock X of end2end/mock-platforms.mjs:
// connect through X's consent page (OAuth 2.0 with PKCE), publish a post now and
// see it published with its permalink; a post X refuses shows X's words and a
// retry; the account is removed behind a confirmation.
import { expect, test, type Page } from "@playwright/test";
import { logIn, owner } from "./helpers";

/** Reloads the post's page until its X delivery reads `state`. */
async function deliveryOnX(page: Page, state: string) {
  const delivery = page.locator("[data-testid=delivery][data-platform=twitter]");
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await delivery.getByTestId("delivery-state").textContent()) ?? "";
      },
      { timeout: 20_000 },
    )
    .toBe(state);
  return delivery;
}

async function publishNow(page: Page, text: string) {
  await page.goto("/posts/new");
  await page.getByLabel("Text", { exact: true }).fill(text);
  await page
    .locator("[data-testid=account-choice][data-platform=twitter]")
    .filter({ hasText: "Roasters on X" })
    .locator("input[type=checkbox]")
    .check();
  await page.getByTestId("publish-now").click();
  await expect(page).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
}

test("connect X through its consent page, publish now, see the permalink; a refused post shows why and can be retried", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/accounts");
  // Platforms without an app on this server say what to set.
  await expect(page.getByTestId("connect-platforms").getByTestId("not-configured").first()).toContainText("Not set up on this server: set");
  await page.getByRole("button", { name: "Connect X" }).click();

  // The full redirect: Aura → the mock X consent page → back with a code.
  await expect(page.getByRole("heading", { name: /Mock X/ })).toBeVisible();
  await expect(page.getByText(/tweet\.write/)).toBeVisible();
  await page.getByRole("link", { name: "Authorize app" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByTestId("connect-notice")).toHaveText("Connected X · Roasters on X.");
  const account = page.getByTestId("social-account").filter({ hasText: "Roasters on X" });
  await expect(account.getByTestId("account-health")).toHaveText("Connected");

  await publishNow(page, "Fresh from the roaster: the winter blend is in the shop today.");
  const published = await deliveryOnX(page, "Published");
  const firstPost = page.url();
  await expect(published.getByTestId("permalink")).toHaveAttribute("href", /^https:\/\/x\.com\/roasters_e2e\/status\/\d+$/);

  await publishNow(page, "This duplicate text was already posted.");
  const failed = await deliveryOnX(page, "Failed");
  await expect(failed.getByTestId("delivery-error")).toContainText("duplicate content");
  await expect(failed.getByTestId("retry")).toBeVisible();

  // Removing asks first, then the account leaves the list; its posts stay.
  await page.goto("/accounts");
  await account.getByText("Remove", { exact: true }).click();
  await expect(account.getByText(/its posts keep their history/)).toBeVisible();
  await account.getByRole("button", { name: "Remove account" }).click();
  await expect(page.getByTestId("social-account").filter({ hasText: "Roasters on X" })).toHaveCount(0);
  await page.goto(firstPost);
  const kept = page.locator("[data-testid=delivery][data-platform=twitter]");
  await expect(kept).toContainText("X · Roasters on X");
  await expect(kept.getByTestId("permalink")).toBeVisible();
});
