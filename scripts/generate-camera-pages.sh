#!/usr/bin/env bash
# Generates the document pages the camera emulator serves (mocks/devices/pages/*.jpg): forms
# with Chinese text, as a desk camera would photograph them, at the three VC0706 sizes. One page
# is blurred (out of focus) and one is dark (lamp off), to exercise the quality checks.
# Run once by a developer; the JPEGs are committed so CI needs neither ImageMagick nor fonts.
#   apt-get install -y imagemagick fonts-wqy-microhei && scripts/generate-camera-pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=mocks/devices/pages
FONT=${FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
[ -f "$FONT" ] || { echo "font not found: $FONT (apt-get install fonts-wqy-microhei)" >&2; exit 1; }
command -v convert >/dev/null || { echo "ImageMagick 'convert' not found" >&2; exit 1; }
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# A sheet of slightly warm paper on a grey desk, photographed a little off-square.
paper() { # name, then -draw arguments
	local name=$1; shift
	convert -size 600x440 xc:'#fbf8f0' -font "$FONT" -fill '#1a1a1a' -stroke none "$@" \
		-bordercolor '#6f6f6a' -border 20x20 \
		-distort Perspective '0,0 6,4  640,0 634,0  640,480 640,476  0,480 0,480' \
		-attenuate 0.25 +noise Gaussian "$TMP/$name.png"
}

paper application \
	-pointsize 26 -draw "text 150,50 '跨省通办事项申请表'" \
	-pointsize 13 -draw "text 40,80 '受理编号：KS-2024-000123        受理网点：城东支行营业部'" \
	-stroke '#333' -strokewidth 1 -fill none \
	-draw "rectangle 40,95 560,400" \
	-draw "line 40,135 560,135" -draw "line 40,175 560,175" -draw "line 40,215 560,215" \
	-draw "line 40,255 560,255" -draw "line 40,295 560,295" -draw "line 40,335 560,335" \
	-draw "line 150,95 150,335" -draw "line 330,95 330,175" -draw "line 430,95 430,175" \
	-stroke none -fill '#1a1a1a' -pointsize 16 \
	-draw "text 55,122 '申请人'" -draw "text 165,122 '张三（示例）'" -draw "text 345,122 '性别'" -draw "text 450,122 '男'" \
	-draw "text 55,162 '证件类型'" -draw "text 165,162 '居民身份证'" -draw "text 345,162 '民族'" -draw "text 450,162 '汉'" \
	-draw "text 55,202 '证件号码'" -draw "text 165,202 '1101 0519 90** **** 0012'" \
	-draw "text 55,242 '办理事项'" -draw "text 165,242 '户口迁移（跨省迁入）'" \
	-draw "text 55,282 '户籍地'" -draw "text 165,282 '四川省成都市武侯区'" \
	-draw "text 55,322 '联系电话'" -draw "text 165,322 '138 **** 5678'" \
	-pointsize 13 -draw "text 55,362 '本人承诺所提交材料真实有效，如有虚假愿承担法律责任。'" \
	-draw "text 360,392 '申请人签字：____________'" \
	-pointsize 11 -draw "text 40,425 '第 1 页 / 共 1 页      填表日期：2024 年 3 月 15 日'"

paper hukou \
	-pointsize 24 -draw "text 190,48 '常住人口登记卡'" \
	-stroke '#7a2b2b' -strokewidth 1 -fill none -draw "rectangle 30,70 570,410" \
	-draw "line 30,115 570,115" -draw "line 30,160 570,160" -draw "line 30,205 570,205" \
	-draw "line 30,250 570,250" -draw "line 30,295 570,295" -draw "line 30,340 570,340" \
	-draw "line 120,70 120,410" -draw "line 300,70 300,250" -draw "line 390,70 390,250" \
	-stroke none -fill '#1a1a1a' -pointsize 15 \
	-draw "text 40,98 '姓名'" -draw "text 135,98 '李四（示例）'" -draw "text 310,98 '户主或与'" -draw "text 400,98 '之子'" \
	-draw "text 40,143 '曾用名'" -draw "text 135,143 '无'" -draw "text 310,143 '性别'" -draw "text 400,143 '男'" \
	-draw "text 40,188 '出生地'" -draw "text 135,188 '四川省成都市'" -draw "text 310,188 '民族'" -draw "text 400,188 '汉'" \
	-draw "text 40,233 '籍贯'" -draw "text 135,233 '四川省眉山市'" -draw "text 310,233 '出生日期'" -draw "text 400,233 '1990年3月7日'" \
	-draw "text 40,278 '住址'" -draw "text 135,278 '成都市武侯区人民南路四段**号'" \
	-draw "text 40,323 '服务处所'" -draw "text 135,323 '某某银行股份有限公司'" \
	-draw "text 40,375 '何时何地'" -draw "text 135,375 '2008年9月由四川省眉山市东坡区迁来本址'" \
	-fill '#c23a3a' -draw "circle 480,380 520,380" -fill '#fbf8f0' -draw "circle 480,380 515,380" \
	-fill '#c23a3a' -pointsize 11 -draw "text 452,384 '户口专用章'"

paper certificate \
	-stroke '#b8912f' -strokewidth 4 -fill none -draw "rectangle 20,20 580,420" \
	-strokewidth 1 -draw "rectangle 30,30 570,410" \
	-stroke none -fill '#8a1c1c' -pointsize 34 -draw "text 185,95 '结 业 证 书'" \
	-fill '#1a1a1a' -pointsize 17 \
	-draw "text 70,160 '学员  王五（示例）  性别 女 ，1992 年 5 月生，'" \
	-draw "text 70,200 '于 2022 年 9 月至 2023 年 6 月参加'" \
	-draw "text 70,240 '金融业务综合培训课程，修完全部课程，'" \
	-draw "text 70,280 '成绩合格，准予结业。'" \
	-pointsize 14 -draw "text 330,350 '某某职业培训学校（示例）'" -draw "text 350,380 '二〇二三年六月三十日'" \
	-pointsize 11 -draw "text 60,395 '证书编号：JY-2023-00456'"

convert "$TMP/application.png" -blur 0x3.2 "$TMP/blurred.png"
convert "$TMP/hukou.png" -modulate 22,80 -blur 0x0.6 "$TMP/dark.png"

for name in application hukou certificate blurred dark; do
	convert "$TMP/$name.png" -strip -sampling-factor 2x2 -quality 80 "$OUT/$name-640x480.jpg"
	convert "$TMP/$name.png" -resize 320x240 -strip -sampling-factor 2x2 -quality 80 "$OUT/$name-320x240.jpg"
	convert "$TMP/$name.png" -resize 160x120 -strip -sampling-factor 2x2 -quality 80 "$OUT/$name-160x120.jpg"
done
ls -l "$OUT"
