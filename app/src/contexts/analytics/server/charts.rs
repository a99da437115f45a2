//! The dashboard's charts, drawn by plotters as SVG on the server.
//!
//! Axes, labels and grid are drawn in a sentinel colour that is swapped for
//! `currentColor`, so they follow the page's text colour in light and dark mode; the
//! series use mid-tone colours readable on both. Labels are fixed words and numbers,
//! never user text.

use chrono::NaiveDate;
use plotters::prelude::*;

const INK: RGBColor = RGBColor(1, 2, 3);
const INK_HEX: &str = "#010203";
pub const INDIGO: RGBColor = RGBColor(99, 102, 241);
pub const AMBER: RGBColor = RGBColor(245, 158, 11);
pub const EMERALD: RGBColor = RGBColor(16, 185, 129);
pub const ROSE: RGBColor = RGBColor(244, 63, 94);

/// The drawing's size. The SVG scales to its box; at the dashboard's two columns on
/// a 1280-pixel-wide window a chart is about 460 pixels wide, where the labels'
/// 21-point labels (17 units in the drawing) are about 12 pixels.
const SIZE: (u32, u32) = (640, 260);
const LABEL_SIZE: u32 = 21;

/// A named series of one value per point (`None` where there is no data: a gap).
pub struct Line {
    pub label: &'static str,
    pub color: RGBColor,
    pub values: Vec<Option<f64>>,
}

/// How a line chart labels its axes: each point's date (`x`) and a value (`y`,
/// with the currency on money axes).
pub struct Axes<'a> {
    pub x: &'a dyn Fn(NaiveDate) -> String,
    pub y: &'a dyn Fn(f64) -> String,
}

/// `#rrggbb`, for the legend beside a chart.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

fn finish(svg: String, title_id: &str) -> String {
    let (w, h) = SIZE;
    svg.replace(INK_HEX, "currentColor").replacen(
        &format!("<svg width=\"{w}\" height=\"{h}\""),
        &format!(
            "<svg role=\"img\" aria-labelledby=\"{title_id}\" class=\"h-auto w-full\" preserveAspectRatio=\"xMidYMid meet\""
        ),
        1,
    )
}

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Runs of consecutive points with data; a gap (`None`) ends a run.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(i64, f64)>> {
    let mut runs: Vec<Vec<(i64, f64)>> = vec![Vec::new()];
    for (i, v) in values.iter().enumerate() {
        match (v, runs.last_mut()) {
            (Some(v), Some(run)) => run.push((i as i64, *v)),
            (None, Some(run)) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Lines over the points of a period, sharing one y axis that starts at zero. A
/// gap in the data is a gap in the line, and a point with no neighbours is drawn
/// as a dot, so no value is ever left out.
pub fn lines(points: &[NaiveDate], lines: &[Line], axes: &Axes, title_id: &str) -> String {
    let mut svg = String::new();
    let drawn: Drawn = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let max =
            lines.iter().flat_map(|l| l.values.iter().flatten()).fold(0.0_f64, |m, v| m.max(*v));
        let top = if max > 0.0 { max * 1.1 } else { 1.0 };
        let last = points.len().saturating_sub(1).max(1) as i64;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(72)
            .build_cartesian_2d(0_i64..last, 0.0..top)?;
        let x_label = |i: &i64| {
            points.get(usize::try_from(*i).unwrap_or(0)).map(|d| (axes.x)(*d)).unwrap_or_default()
        };
        chart
            .configure_mesh()
            .x_labels(points.len().clamp(2, 5))
            .y_labels(5)
            .x_label_formatter(&x_label)
            .y_label_formatter(&|v| (axes.y)(*v))
            .axis_style(INK.mix(0.5))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style(font(LABEL_SIZE))
            .draw()?;
        for line in lines {
            for run in runs(&line.values) {
                if let [(x, y)] = run[..] {
                    chart.draw_series(std::iter::once(Circle::new(
                        (x, y),
                        3,
                        line.color.filled(),
                    )))?;
                } else {
                    chart.draw_series(LineSeries::new(run, line.color.stroke_width(2)))?;
                }
            }
        }
        root.present()?;
        Ok(())
    })();
    if let Err(err) = drawn {
        tracing::warn!("chart not drawn: {err}");
    }
    finish(svg, title_id)
}

/// Vertical bars, one per named value.
pub fn bars(bars: &[(&'static str, f64)], y: &dyn Fn(f64) -> String, title_id: &str) -> String {
    let mut svg = String::new();
    let drawn: Drawn = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let max = bars.iter().fold(0.0_f64, |m, (_, v)| m.max(*v));
        let top = if max > 0.0 { max * 1.15 } else { 1.0 };
        let n = bars.len().max(1) as i64;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(72)
            .build_cartesian_2d((0_i64..(n - 1).max(1)).into_segmented(), 0.0..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_labels(5)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) => usize::try_from(*i)
                    .ok()
                    .and_then(|i| bars.get(i))
                    .map(|(label, _)| (*label).to_owned())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| y(*v))
            .axis_style(INK.mix(0.5))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style(font(LABEL_SIZE))
            .draw()?;
        let colors = [INDIGO, AMBER, EMERALD, ROSE];
        chart.draw_series(bars.iter().enumerate().map(|(i, (_, v))| {
            let i = i as i64;
            let color = colors[usize::try_from(i).unwrap_or(0) % colors.len()];
            let mut bar = Rectangle::new(
                [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), *v)],
                color.filled(),
            );
            bar.set_margin(0, 0, 30, 30);
            bar
        }))?;
        root.present()?;
        Ok(())
    })();
    if let Err(err) = drawn {
        tracing::warn!("chart not drawn: {err}");
    }
    finish(svg, title_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(n: u32) -> Vec<NaiveDate> {
        (1..=n).map(|d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap()).collect()
    }

    fn axes_text(svg: &str) -> bool {
        svg.contains("$20") && svg.contains("Mar 1")
    }

    const AXES: Axes =
        Axes { x: &|d: NaiveDate| d.format("%b %-d").to_string(), y: &|v: f64| format!("${v:.0}") };

    #[test]
    fn a_line_chart_is_an_accessible_svg_that_follows_the_text_colour() {
        let svg = lines(
            &days(5),
            &[
                Line {
                    label: "Revenue",
                    color: INDIGO,
                    values: vec![Some(10.0), Some(20.0), None, Some(5.0), Some(8.0)],
                },
                Line { label: "Ad spend", color: AMBER, values: vec![Some(2.0); 5] },
            ],
            &AXES,
            "chart-title",
        );
        assert!(svg.starts_with("<svg role=\"img\" aria-labelledby=\"chart-title\""), "{svg:.200}");
        assert!(svg.contains("currentColor") && !svg.contains(INK_HEX));
        assert!(axes_text(&svg), "{svg}");
        // The gap on the 3rd splits revenue into two lines, and no legend is drawn
        // over the data (the page shows it beside the chart).
        let revenue = svg.lines().filter(|l| l.contains("<polyline") && l.contains("#6366F1"));
        assert_eq!(revenue.count(), 2, "{svg}");
        assert!(!svg.contains(">Revenue<"), "{svg}");
    }

    #[test]
    fn a_point_between_gaps_is_drawn_as_a_dot() {
        let values = vec![Some(10.0), None, Some(20.0), None, Some(5.0), Some(6.0)];
        assert_eq!(runs(&values).len(), 3);
        let svg = lines(&days(6), &[Line { label: "ROAS", color: ROSE, values }], &AXES, "t");
        let dots = svg.lines().filter(|l| l.contains("<circle") && l.contains("#F43F5E"));
        assert_eq!(dots.count(), 2, "{svg}");
        let lines = svg.lines().filter(|l| l.contains("<polyline") && l.contains("#F43F5E"));
        assert_eq!(lines.count(), 1, "{svg}");
    }

    #[test]
    fn empty_and_all_zero_data_still_draw_axes() {
        let svg = lines(
            &days(1),
            &[Line { label: "ROAS", color: INDIGO, values: vec![None] }],
            &AXES,
            "t",
        );
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{svg:.200}");
        let svg = bars(&[("Meta Ads", 0.0), ("Google Ads", 0.0)], AXES.y, "t");
        assert!(svg.contains("Meta Ads") && svg.contains("Google Ads"));
    }

    #[test]
    fn bars_use_the_series_colours_and_the_money_axis() {
        let svg = bars(&[("Meta Ads", 120.0), ("Google Ads", 80.0)], AXES.y, "t");
        assert!(svg.contains("#6366F1") && svg.contains("#F59E0B"), "{svg}");
        assert!(svg.contains("$0") && svg.contains("$100"), "{svg}");
        assert_eq!(hex(INDIGO), "#6366f1");
    }
}
