// libFuzzer target: any bytes, as text, through the sanitiser and the layout code. Fails (traps)
// when an unsafe scalar survives, a width overflows its budget, or anything traps by itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let safe = Sanitizer.sanitize(text)
    for scalar in safe.unicodeScalars where Sanitizer.isUnsafe(scalar) || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        fatalError("unsafe scalar U+\(String(scalar.value, radix: 16)) survived")
    }
    for width in [0, 1, 2, 7, 40] {
        let cut = TextLayout.truncate(safe, to: width)
        // Cells as drawn: right-to-left text is measured shaped (a lam-alef pair is one cell).
        precondition(TextLayout.cells(cut) <= width, "truncate overflowed \(width)")
        precondition(TextLayout.cells(TextLayout.fit(safe, to: width)) == width, "fit missed \(width)")
    }
    var buffer = Buffer(width: 30, height: 3)
    buffer.put(safe, x: Int(size % 35) - 2, y: size % 4, role: "x", maxWidth: size % 33)
    buffer.put(text, x: 1, y: 1)  // even raw text: the buffer must never hold a control character
    // A right-to-left screen: the same text, every direction, laid from the right edge.
    var mirrored = Buffer(width: 30, height: 3, mirrored: true)
    mirrored.put(safe, x: Int(size % 35) - 2, y: size % 4, role: "x", maxWidth: size % 33, direction: size % 2 == 0 ? .rtl : .auto)
    mirrored.put(text, x: 1, y: 1)
    precondition(mirrored.cursor == nil || mirrored.cursor!.x < 30)
    for y in 0..<buffer.height {
        for x in 0..<buffer.width where buffer[x, y].text.unicodeScalars.contains(where: { $0.value < 0x20 })
            || mirrored[x, y].text.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            fatalError("a control character reached a cell")
        }
    }
    _ = buffer.changes(since: Buffer(width: 30, height: 3))
    return 0
}
