// Stance HX711 plate: four load cells, each on its own HX711, read together and printed as one
// text line per sample on the USB serial port, in the format Stance's serial driver reads
// (docs/serial-plate.md):
//
//   # name=Stance HX711 plate; serial=HX711-0001; rate=80; firmware=1.0   (at start, every 2 s)
//   8123456,123456,-23456,34567,45678                                     (micros, cell 1..4)
//
// The four HX711s share one clock line, so every sample of the four cells is taken at the same
// moment: the sketch waits until all four have a conversion ready, then clocks the 24 bits out of
// all four at once. No library is needed. Wiring and parts: README.md beside this file.

// ---- Set these for your plate ----------------------------------------------------------------
#define PLATE_SERIAL "HX711-0001"  // unique per plate: Stance keeps its calibration under it
#define PLATE_NAME "Stance HX711 plate"
#define RATE_HZ 80  // 80 with each HX711's RATE pin high, 10 with it low (see README.md)
const unsigned long kBaud = 115200;
// Cell order = the columns Stance reads: rear-left, rear-right, front-right, front-left (seen
// from above, the patient facing forward). The plate file gives each column's position.
const uint8_t kClockPin = 2;                    // SCK of all four HX711s
const uint8_t kDataPins[4] = {3, 4, 5, 6};      // DOUT of cell 1..4
// -----------------------------------------------------------------------------------------------

const char kFirmware[] = "1.0";
const unsigned long kHeaderEveryMs = 2000;
const unsigned long kNotReadyMs = 500;  // an HX711 not ready for this long: say so on a '#' line

unsigned long last_header_ms = 0;
unsigned long waiting_since_ms = 0;

void print_header() {
  Serial.print(F("# name=" PLATE_NAME "; serial=" PLATE_SERIAL "; rate="));
  Serial.print(RATE_HZ);
  Serial.print(F("; firmware="));
  Serial.print(kFirmware);
  Serial.println(F("; cells=rear-left,rear-right,front-right,front-left"));
}

// A conversion is ready when DOUT goes low.
bool all_ready() {
  for (uint8_t i = 0; i < 4; ++i) {
    if (digitalRead(kDataPins[i]) == HIGH) return false;
  }
  return true;
}

// 24 clock pulses shift out the four conversions (MSB first, two's complement); the 25th selects
// channel A with gain 128 for the next one. Interrupts stay off while the clock is high: a high
// clock for more than 60 us powers the HX711 down.
void read_all(long counts[4]) {
  unsigned long raw[4] = {0, 0, 0, 0};
  noInterrupts();
  for (uint8_t bit = 0; bit < 24; ++bit) {
    digitalWrite(kClockPin, HIGH);
    delayMicroseconds(1);
    for (uint8_t i = 0; i < 4; ++i) raw[i] = (raw[i] << 1) | (digitalRead(kDataPins[i]) == HIGH);
    digitalWrite(kClockPin, LOW);
    delayMicroseconds(1);
  }
  digitalWrite(kClockPin, HIGH);
  delayMicroseconds(1);
  digitalWrite(kClockPin, LOW);
  interrupts();
  for (uint8_t i = 0; i < 4; ++i) {
    if (raw[i] & 0x800000UL) raw[i] |= 0xFF000000UL;  // sign-extend 24 to 32 bits
    counts[i] = static_cast<long>(raw[i]);
  }
}

void setup() {
  pinMode(kClockPin, OUTPUT);
  digitalWrite(kClockPin, LOW);  // a low clock wakes the HX711s
  for (uint8_t i = 0; i < 4; ++i) pinMode(kDataPins[i], INPUT);
  Serial.begin(kBaud);
  print_header();
  last_header_ms = millis();
  waiting_since_ms = millis();
}

void loop() {
  const unsigned long now_ms = millis();
  if (now_ms - last_header_ms >= kHeaderEveryMs) {  // so a plate that did not restart is found
    print_header();
    last_header_ms = now_ms;
  }
  if (!all_ready()) {
    if (now_ms - waiting_since_ms >= kNotReadyMs) {
      Serial.println(F("# warning=an HX711 has no conversion ready: check its wiring"));
      waiting_since_ms = now_ms;
    }
    return;
  }
  const unsigned long t_us = micros();  // when the four conversions were ready
  long counts[4];
  read_all(counts);
  waiting_since_ms = millis();
  Serial.print(t_us);
  for (uint8_t i = 0; i < 4; ++i) {
    Serial.print(',');
    Serial.print(counts[i]);
  }
  Serial.println();
}
