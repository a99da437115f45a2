//! Files a test uploads or publishes, made in memory.

use std::io::Cursor;

/// A three-second 640×360 H.264 MP4 with one sample, written by the `mp4` crate.
pub fn mp4() -> Vec<u8> {
    let config = mp4::Mp4Config {
        major_brand: str::parse("isom").unwrap(),
        minor_version: 512,
        compatible_brands: vec![
            str::parse("isom").unwrap(),
            str::parse("iso2").unwrap(),
            str::parse("avc1").unwrap(),
            str::parse("mp41").unwrap(),
        ],
        timescale: 1000,
    };
    let mut writer = mp4::Mp4Writer::write_start(Cursor::new(Vec::new()), &config).unwrap();
    writer
        .add_track(&mp4::TrackConfig {
            track_type: mp4::TrackType::Video,
            timescale: 1000,
            language: "und".to_owned(),
            media_conf: mp4::MediaConfig::AvcConfig(mp4::AvcConfig {
                width: 640,
                height: 360,
                seq_param_set: vec![0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9],
                pic_param_set: vec![0x68, 0xeb, 0xe3, 0xcb],
            }),
        })
        .unwrap();
    let sample = mp4::Mp4Sample {
        start_time: 0,
        duration: 3000,
        rendering_offset: 0,
        is_sync: true,
        bytes: mp4::Bytes::from(vec![0u8, 0, 0, 1, 0x65, 0x88, 0x84, 0x00]),
    };
    writer.write_sample(1, &sample).unwrap();
    writer.write_end().unwrap();
    writer.into_writer().into_inner()
}
