import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page, test } from "@playwright/test";
import { emailedLink, hydrated, logIn, owner, uniqueEmail, logOut } from "./helpers";






async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main", exact: true });
  await expect(nav.getByTestId("nav-links")).toBeVisible();
  // A link's name without its count ("Insights 12 unread" is "Insights").
  const texts = await nav.getByTestId("nav-links").getByRole("link").allTextContents();
  return texts.map((t) => t.replace(/\s*\d+ unread$/, "").trim());
}

async function newContext(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("invite a member, accept as them, see viewer navigation, change their role", async ({ page, browser }) => {
  const invitee = uniqueEmail("vera");
  await logIn(page, owner.email, owner.password);
  await page.goto("/members");
  await hydrated(page);
  await page.getByLabel("Email").fill(invitee);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("toast")).toContainText("Invitation sent");
  await expect(page.getByTestId("invitations")).toContainText(invitee);

  const link = await emailedLink(page, invitee);
  const second = await newContext(browser);
  await second.page.goto(link);
  await hydrated(second.page);
  await expect(second.page.getByTestId("invitation-intro")).toContainText("as Viewer");
  await second.page.getByLabel("Your name").fill("Vera Visitor");
  await second.page.getByLabel("Choose a password").fill("cobalt meadow pilot");
  await second.page.getByRole("button", { name: "Create account and join" }).click();
  await expect(second.page.getByTestId("signed-in-as")).toContainText("Northwind Coffee (Viewer)");
  const viewerNav = await navLinks(second.page);
  expect(viewerNav).toEqual(["Home", "Dashboard", "Social analytics", "Insights", "Brands", "Posts", "Calendar", "Campaigns", "Media", "Workspace settings", "Notifications", "Your profile"]);
  // The viewer has read none of the demo's insights: the navigation counts them.
  await expect(second.page.getByRole("navigation", { name: "Main", exact: true }).getByTestId("nav-badge")).toHaveText(/^\d+ unread$/);
  await second.page.goto("/members");
  await expect(second.page.getByRole("alert")).toContainText("permission");

  await page.goto("/members");
  await page.getByRole("link", { name: "Vera Visitor" }).click();
  // The member page's code loads on the way; the members page stays until it has.
  await expect(page.getByRole("heading", { name: "Vera Visitor", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Role" }).selectOption("editor");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByTestId("toast")).toContainText("Role changed");
  await expect(page.getByTestId("member-role").first()).toHaveText("Editor");

  await second.page.goto("/");
  expect(await navLinks(second.page)).toEqual(["Home", "Dashboard", "Social analytics", "Insights", "Brands", "Posts", "Calendar", "Approvals", "Inbox", "Listening", "Campaigns", "Media", "Members", "Workspace settings", "Notifications", "Your profile"]);
  await second.context.close();
});

test("reset a forgotten password through the emailed link", async ({ page }) => {
  const email = uniqueEmail("remy");
  // Sign up, then forget.
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Your name").fill("Remy Roaster");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("blue otter roasting");
  await page.getByLabel("Company or workspace name").fill("Remy's Beans");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The next page's code loads on the way; the log-in form stays until it has.
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByTestId("reset-sent")).toBeVisible();

  await page.goto(await emailedLink(page, email));
  await hydrated(page);
  await page.getByLabel("New password", { exact: true }).fill("velvet harbor lantern");
  await page.getByLabel("Repeat the new password").fill("velvet harbor lantern");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await logIn(page, email, "velvet harbor lantern");
});

test("the drawer menu carries the navigation on a small screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await logIn(page, owner.email, owner.password);
  const drawer = page.getByTestId("nav-drawer");
  await drawer.getByText("Menu").click();
  await drawer.getByRole("link", { name: "Activity" }).click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(page.getByTestId("activity")).toContainText("Signed in");
});

test.describe("accessibility", () => {
  // Every page, as the demo owner (or signed out), in both themes.
  for (const [name, path, signedIn] of [
    ["sign-up", "/signup", false],
    ["log-in", "/login", false],
    ["status", "/status", false],
    ["home", "/", true],
    ["dashboard", "/dashboard", true],
    ["social analytics", "/analytics/social", true],
    ["inbox", "/inbox", true],
    ["a conversation", "conversation", true],
    ["inbox settings", "/inbox/settings", true],
    ["the SLA report", "/inbox/sla", true],
    ["listening", "/listening", true],
    ["influencers", "/listening/influencers", true],
    ["listening searches", "/listening/searches", true],
    ["insights", "/insights", true],
    ["brands", "/brands", true],
    ["a brand", "brand", true],
    ["members", "/members", true],
    ["activity", "/activity", true],
    ["jobs", "/jobs", true],
    ["posts", "/posts", true],
    ["a new post", "/posts/new", true],
    ["calendar", "/calendar", true],
    ["the week", "/calendar?view=week", true],
    ["social accounts", "/accounts", true],
    ["choosing accounts", "/accounts/connect", true],
    ["integration health", "/integrations", true],
    ["the media library", "/media", true],
    ["notifications", "/notifications", true],
    ["workspace settings", "/settings/workspace", true],
    ["profile", "/settings/profile", true],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      test(`axe finds no serious or critical problems on ${name} in ${scheme} mode`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        if (signedIn) await logIn(page, owner.email, owner.password);
        if (path === "brand") {
          await page.goto("/brands");
          await page.getByRole("link", { name: "Northwind Roasters" }).first().click();
        } else if (path === "conversation") {
          await page.goto("/inbox");
          await page.getByTestId("conversation-row").first().getByRole("link").first().click();
          await expect(page.getByTestId("thread")).toBeVisible();
        } else {
          await page.goto(path);
        }
        await hydrated(page);
        const results = await new AxeBuilder({ page }).analyze();
        const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      });
    }
  }
});
