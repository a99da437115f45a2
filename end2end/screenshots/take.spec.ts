// Takes the README's screenshots: Home, the dashboard and a brand's page, at 1280
// and 390 pixels wide, as the demo owner (run by scripts/screenshots).
import { test } from "@playwright/test";
import { join } from "node:path";

const out = join(__dirname, "..", "..", "docs", "screenshots") + "/";
import { hydrated, logIn, owner } from "../tests/helpers";

for (const [width, height] of [[1280, 900], [390, 844]] as const) {
  test(`screenshots at ${width} pixels`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
    await logIn(page, owner.email, owner.password);
    const shots: [string, string][] = [["home", "/"], ["dashboard", "/dashboard"], ["brands", "/brands"]];
    for (const [name, path] of shots) {
      await page.goto(path);
      await hydrated(page);
      if (name === "brands") {
        await page.getByRole("link", { name: "Northwind Roasters" }).first().click();
        await hydrated(page);
      }
      const file = name === "brands" ? "brand" : name;
      await page.screenshot({ path: `${out}${file}-${width}.png`, fullPage: false, animations: "disabled" });
    }
  });
}
