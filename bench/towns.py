"""Generated town files for benchmarks: plausible names, topics from the lexicon, figures varied by a seed.

    python bench/towns.py OUT_DIR COUNT          # COUNT town files of the examples' size
Used by bench/batch_bench.py (a county at once) and bench/scale_bench.py (one very long report).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

FIRST = "青石清溪龙凤安平桥山河湖云松柳桃杏梅竹兰宁康福寿永丰新长东西南北"
SECOND = "石溪桥山河湾岭坪口塘源田坝冈林湖"
TOPICS = ["项目建设", "产业与招商", "平安稳定与信访", "民生保障", "乡村振兴", "生态环保", "改革与治理", "党建",
          "基础设施", "文化旅游", "特色产业", "精神文明"]
MEASURES = [("完成项目征地", "亩"), ("新建道路", "公里"), ("新增规上工业企业", "家"), ("排查化解矛盾纠纷", "起"),
            ("开展安全生产检查", "次"), ("发放各类救助金", "万元"), ("建成安置房", "幢"), ("改造农村危房", "户"),
            ("新增绿化面积", "亩"), ("培训农村实用人才", "人次"), ("新引进亿元以上项目", "个"), ("整治河道", "公里")]
INDICATORS = [("规上工业总产值", "亿元"), ("固定资产投资", "万元"), ("限上社会消费品零售额", "万元"), ("一般公共预算收入", "万元")]
TITLES = ["重点工作扎实推进", "基础工作不断夯实", "服务水平持续提升", "短板弱项加快补齐", "长效机制逐步健全"]


def name(rng: random.Random, index: int) -> str:
    """A town name, unique for index: a first character, then index's other digits in SECOND's characters."""
    rest, chars = index // len(FIRST), [FIRST[index % len(FIRST)]]
    while True:
        chars.append(SECOND[rest % len(SECOND)])
        rest //= len(SECOND)
        if not rest:
            break
    return "".join(chars) + ("镇" if index % 3 else "乡")


def town_yaml(index: int, sections: int = 9, items: int = 2, facts: int = 2, seed: int = 0) -> str:
    """One town file: sections x items x facts figures (topics repeat when sections outnumber them)."""
    rng = random.Random(seed * 100003 + index)
    lines = [f"town: {name(rng, index)}", "county: 临溪县", "superior: 县委、县政府", "year: 2024", "period: 1-10月",
             "date: 2024-12-05", "indicators:"]
    for what, unit in INDICATORS:
        value = round(rng.uniform(5, 40), 2) if unit == "亿元" else round(rng.uniform(800, 40000))
        lines.append(f"  - {{name: {what}, value: {value:g}, unit: {unit}, previous: {round(value * rng.uniform(0.8, 1.1), 2):g}}}")
    lines.append("sections:")
    for s in range(sections):
        lines += [f"  - topic: {TOPICS[s % len(TOPICS)]}", "    items:"]
        for i in range(items):
            lines += [f"      - title: {TITLES[(s + i) % len(TITLES)]}", "        facts:"]
            for f in range(facts):
                what, unit = MEASURES[(s * 7 + i * 3 + f) % len(MEASURES)]
                lines.append(f"          - {{what: {what}, value: {rng.randint(2, 900)}, unit: {unit}}}")
    lines += ["plans:"]
    for s in range(min(sections, 5)):
        what, unit = MEASURES[s % len(MEASURES)]
        lines += [f"  - topic: {TOPICS[s % len(TOPICS)]}", "    items:", "      - facts:",
                  f"          - {{what: {what}, value: {rng.randint(2, 900)}, unit: {unit}}}"]
    return "\n".join(lines) + "\n"


def write_towns(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """count town files in folder (created), named by town."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        text = town_yaml(index, seed=seed)
        path = folder / f"{index:04d}-{text.split(chr(10))[0].split(': ')[1]}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    print(len(write_towns(Path(sys.argv[1]), int(sys.argv[2]))), "town files written")
