//! The dashboard's charts, drawn by plotters as SVG on the server.
//!
//! Axes, labels and grid are drawn in a sentinel colour that is swapped for
//! `currentColor`, so they follow the page's text colour in light and dark mode; the
//! series use mid-tone colours readable on both. Labels are fixed words and numbers,
//! never user text.

use chrono::NaiveDate;
use plotters::prelude::*;

use crate::contexts::analytics::format::compact;

const INK: RGBColor = RGBColor(1, 2, 3);
const INK_HEX: &str = "#010203";
pub const INDIGO: RGBColor = RGBColor(99, 102, 241);
pub const AMBER: RGBColor = RGBColor(245, 158, 11);
pub const EMERALD: RGBColor = RGBColor(16, 185, 129);
pub const ROSE: RGBColor = RGBColor(244, 63, 94);

const SIZE: (u32, u32) = (760, 280);

/// A named series of one value per day (`None` where there is no data: a gap).
pub struct Line {
    pub label: &'static str,
    pub color: RGBColor,
    pub values: Vec<Option<f64>>,
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

/// Lines over the days of a period, sharing one y axis that starts at zero.
pub fn lines(days: &[NaiveDate], lines: &[Line], title_id: &str) -> String {
    let mut svg = String::new();
    let drawn: Drawn = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let max =
            lines.iter().flat_map(|l| l.values.iter().flatten()).fold(0.0_f64, |m, v| m.max(*v));
        let top = if max > 0.0 { max * 1.1 } else { 1.0 };
        let last = days.len().saturating_sub(1).max(1) as i64;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(60)
            .build_cartesian_2d(0_i64..last, 0.0..top)?;
        let day_label = |i: &i64| {
            days.get(usize::try_from(*i).unwrap_or(0))
                .map(|d| d.format("%b %-d").to_string())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&day_label)
            .y_label_formatter(&|v| compact(*v))
            .axis_style(INK.mix(0.5))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style(font(15))
            .draw()?;
        for line in lines {
            let style = line.color.stroke_width(2);
            // Each run of days with data is its own segment; a gap stays a gap.
            let mut segments: Vec<Vec<(i64, f64)>> = vec![Vec::new()];
            for (i, v) in line.values.iter().enumerate() {
                match v {
                    Some(v) => segments.last_mut().map(|s| s.push((i as i64, *v))).unwrap_or(()),
                    None if segments.last().is_some_and(|s| !s.is_empty()) => {
                        segments.push(Vec::new())
                    }
                    None => {}
                }
            }
            let mut first = true;
            for segment in segments.into_iter().filter(|s| !s.is_empty()) {
                let series = chart.draw_series(LineSeries::new(segment, style))?;
                if std::mem::take(&mut first) {
                    let color = line.color;
                    series.label(line.label).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(3))
                    });
                }
            }
        }
        if lines.len() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(TRANSPARENT)
                .border_style(TRANSPARENT)
                .label_font(font(15))
                .draw()?;
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
pub fn bars(bars: &[(&'static str, f64)], title_id: &str) -> String {
    let mut svg = String::new();
    let drawn: Drawn = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let max = bars.iter().fold(0.0_f64, |m, (_, v)| m.max(*v));
        let top = if max > 0.0 { max * 1.15 } else { 1.0 };
        let n = bars.len().max(1) as i64;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(60)
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
            .y_label_formatter(&|v| compact(*v))
            .axis_style(INK.mix(0.5))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .label_style(font(15))
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
            "chart-title",
        );
        assert!(svg.starts_with("<svg role=\"img\" aria-labelledby=\"chart-title\""), "{svg:.200}");
        assert!(svg.contains("currentColor") && !svg.contains(INK_HEX));
        assert!(svg.contains("Revenue") && svg.contains("Mar 1"));
        // The gap on the 3rd splits revenue into two lines; the legend adds its sample.
        let revenue = svg.lines().filter(|l| l.contains("<polyline") && l.contains("#6366F1"));
        assert_eq!(revenue.count(), 3, "{svg}");
    }

    #[test]
    fn empty_and_all_zero_data_still_draw_axes() {
        let svg =
            lines(&days(1), &[Line { label: "ROAS", color: INDIGO, values: vec![None] }], "t");
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{svg:.200}");
        let svg = bars(&[("Meta Ads", 0.0), ("Google Ads", 0.0)], "t");
        assert!(svg.contains("Meta Ads") && svg.contains("Google Ads"));
    }

    #[test]
    fn bars_have_one_rect_per_value() {
        let svg = bars(&[("Meta Ads", 120.0), ("Google Ads", 80.0)], "t");
        // The bars plus the background-free plot: count filled rects in series colours.
        assert!(svg.contains("#6366F1") && svg.contains("#F59E0B"), "{svg}");
    }
}
