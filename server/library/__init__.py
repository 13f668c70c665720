"""The media library: tracks, the media store, tag reading, covers, the importer, the demo."""
