"""Video uploads: what the file really is, read with PyAV (FFmpeg's libraries, shipped in the wheel).

BITV 2.0 Anlage 2 asks of videos in Deutscher Gebärdensprache at least 320×240 pixels and at least
25 frames per second; browsers play MP4 with H.264 and WebM with VP8/VP9/AV1. The container, the
codec, the size, the frame rate and the running time are read from the file's streams, never taken
from its name. Messages are German, for editors in the admin.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

MIN_WIDTH, MIN_HEIGHT, MIN_FPS = 320, 240, 25
# Containers as FFmpeg names them, with the video codecs browsers play in them.
PLAYABLE = {
    "mp4": ({"mov", "mp4", "m4a", "3gp", "3g2", "mj2"}, {"h264"}),
    "webm": ({"matroska", "webm"}, {"vp8", "vp9", "av1"}),
}
CODEC_TEXT = {"mp4": "MP4 mit H.264", "webm": "WebM mit VP8, VP9 oder AV1"}


class VideoError(ValueError):
    """The file is not a video a browser plays, or misses the BITV minimum. Message in German."""


@dataclass(frozen=True)
class VideoInfo:
    container: str
    codec: str
    width: int
    height: int
    fps: float
    duration: float  # seconds

    @property
    def duration_label(self) -> str:
        """Running time as mm:ss (h:mm:ss from one hour)."""
        total = int(round(self.duration))
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def probe(source) -> VideoInfo:
    """Read the first video stream of a path or binary file object; ``VideoError`` if there is none."""
    import av

    if hasattr(source, "seek"):
        source.seek(0)
    try:
        with av.open(source, mode="r") as container:
            streams = container.streams.video
            if not streams:
                raise VideoError("Die Datei enthält keine Videospur.")
            stream = streams[0]
            rate = stream.average_rate or stream.guessed_rate or stream.base_rate
            fps = float(Fraction(rate)) if rate else 0.0
            if stream.duration is not None and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                duration = container.duration / av.time_base
            else:
                duration = 0.0
            info = VideoInfo(
                container=container.format.name,
                codec=stream.codec_context.name,
                width=stream.codec_context.width,
                height=stream.codec_context.height,
                fps=fps,
                duration=duration,
            )
    except VideoError:
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError) as error:
        raise VideoError("Die Datei ist beschädigt oder kein lesbares Video.") from error
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    return info


def validate_video(source, extension: str) -> VideoInfo:
    """Probe the file and refuse it unless it is a playable video meeting BITV 2.0 Anlage 2."""
    info = probe(source)
    containers, codecs = PLAYABLE[extension]
    formats = set(info.container.split(","))
    if not formats & containers or info.codec not in codecs:
        raise VideoError(
            f"Das Video ({info.container}, {info.codec}) kann nicht in allen Browsern abgespielt werden. "
            f"Eine .{extension}-Datei muss {CODEC_TEXT[extension]} enthalten."
        )
    if info.width < MIN_WIDTH or info.height < MIN_HEIGHT:
        raise VideoError(
            f"Das Video hat {info.width} × {info.height} Pixel. Videos in Gebärdensprache brauchen "
            f"mindestens {MIN_WIDTH} × {MIN_HEIGHT} Pixel (BITV 2.0, Anlage 2)."
        )
    # 24000/1001 etc. must not sneak past: compare the exact rate, allowing only rounding noise.
    if info.fps + 0.01 < MIN_FPS:
        shown = f"{info.fps:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        raise VideoError(
            f"Das Video hat {shown} Bilder pro Sekunde. Videos in Gebärdensprache brauchen "
            f"mindestens {MIN_FPS} Bilder pro Sekunde (BITV 2.0, Anlage 2)."
        )
    if not math.isfinite(info.duration) or info.duration <= 0:
        raise VideoError("Die Laufzeit des Videos lässt sich nicht lesen. Bitte die Datei neu exportieren.")
    return info


def make_test_video(target, *, width=320, height=240, fps=25, seconds=2, fmt="mp4", label="Beispiel"):
    """Write a small test-pattern video (moving colour bars) to a path or binary file object.

    Used by the demo content and the tests: a real H.264/MP4 or VP8/WebM file, a few kilobytes.
    ``label`` goes into the file's title metadata.
    """
    import av
    import numpy as np

    codec = "libx264" if fmt == "mp4" else "libvpx"
    with av.open(target, mode="w", format=fmt) as container:
        container.metadata["title"] = label
        stream = container.add_stream(codec, rate=Fraction(fps).limit_denominator(1001))
        # 4:2:0 needs even sizes; odd ones (the tests' 319 × 240) are written as 4:4:4.
        even = width % 2 == 0 and height % 2 == 0
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p" if even else "yuv444p"
        if codec == "libx264":
            stream.options = {"preset": "ultrafast", "crf": "35"}
        bars = np.array(
            [[235, 235, 235], [235, 235, 16], [16, 235, 235], [16, 235, 16], [235, 16, 235], [235, 16, 16]],
            dtype=np.uint8,
        )
        columns = (np.arange(width) * len(bars) // width).astype(int)
        frames = max(1, int(round(seconds * fps)))
        for index in range(frames):
            shifted = (columns + index * len(bars) // max(frames, 1)) % len(bars)
            row = bars[shifted]
            image = np.repeat(row[np.newaxis, :, :], height, axis=0)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
